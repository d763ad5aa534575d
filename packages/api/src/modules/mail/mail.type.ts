import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { AddressType } from '../companies/company.type';
import type { ForwardingRequestRow } from './forwarding.service';
import type { TagRow } from './mail.loader';
import type { MailFilter, MailItemRow } from './mail.queries';

export enum MailTypeEnum {
  LETTER = 'LETTER',
  REGISTERED = 'REGISTERED',
  PARCEL = 'PARCEL',
  ADMINISTRATIVE = 'ADMINISTRATIVE',
  ADVERTISING = 'ADVERTISING',
}
registerEnumType(MailTypeEnum, { name: 'MailType', description: 'Kind of postal item.' });

export enum MailStatusEnum {
  SCANNED = 'SCANNED',
  FORWARD_REQUESTED = 'FORWARD_REQUESTED',
  FORWARDED = 'FORWARDED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(MailStatusEnum, {
  name: 'MailStatus',
  description: 'Where the physical item is: scanned and kept, asked to be forwarded, forwarded, or archived.',
});

export enum ForwardingStatusEnum {
  REQUESTED = 'REQUESTED',
  SENT = 'SENT',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ForwardingStatusEnum, { name: 'ForwardingStatus' });

export enum FileDispositionEnum {
  INLINE = 'INLINE',
  ATTACHMENT = 'ATTACHMENT',
}
registerEnumType(FileDispositionEnum, {
  name: 'FileDisposition',
  description: 'INLINE opens the PDF in the browser; ATTACHMENT downloads it.',
});

@ObjectType('Tag', { simpleResolvers: true, description: 'A label a company defines for its mail.' })
export class TagType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: '#rrggbb' })
  color: string;
}

export const toTagType = (t: TagRow): TagType => ({ id: t.id, name: t.name, color: t.color });

@ObjectType('MailItem', { simpleResolvers: true, description: 'A scanned postal item. The PDF is reached through createMailItemLink.' })
export class MailItemType {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime, { description: 'When the item arrived at the domiciliation address.' })
  receivedAt: Date;

  @Field(() => String)
  sender: string;

  @Field(() => String)
  recipient: string;

  @Field(() => MailTypeEnum)
  type: MailTypeEnum;

  @Field(() => Int)
  pageCount: number;

  @Field(() => MailStatusEnum)
  status: MailStatusEnum;

  @Field(() => Int, { description: 'Size of the PDF in bytes.' })
  fileSize: number;

  @Field(() => String, { description: 'SHA-256 of the PDF (hex), to check a downloaded copy.' })
  sha256: string;

  @Field(() => GraphQLISODateTime, { description: 'When the scan was uploaded.' })
  createdAt: Date;

  /**
   * A plain field, filled by whoever returns items: the tags of a whole page come from one
   * statement, and no resolver runs per item.
   */
  @Field(() => [TagType], { description: 'Tags of the item, by name.' })
  tags: TagType[];
}

export const toMailItemType = (r: MailItemRow, tags: readonly TagRow[] = []): MailItemType => ({
  id: r.id,
  receivedAt: r.receivedAt,
  sender: r.sender,
  recipient: r.recipient,
  type: r.type as MailTypeEnum,
  pageCount: r.pageCount,
  status: r.status as MailStatusEnum,
  fileSize: r.fileSize,
  sha256: r.fileSha256,
  createdAt: r.createdAt,
  tags: tags.map(toTagType),
});

@ObjectType('MailItemEdge', { simpleResolvers: true })
export class MailItemEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => MailItemType)
  node: MailItemType;
}

@ObjectType('MailItemConnection', { description: 'A page of mail items, newest first.' })
export class MailItemConnection {
  @Field(() => [MailItemEdge])
  edges: MailItemEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  // `totalCount` is a field resolver: counted only when selected.
  /** What totalCount counts (not exposed). */
  companyId: string;
  filter: MailFilter | null;
}

@ObjectType('ForwardingRequest', { simpleResolvers: true, description: 'A request to post physical mail items to an address.' })
export class ForwardingRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => ForwardingStatusEnum)
  status: ForwardingStatusEnum;

  @Field(() => AddressType, { description: 'Where the items are to be posted.' })
  address: AddressType;

  @Field(() => Int)
  itemCount: number;

  @Field(() => String, { description: 'The key the client chose; retrying with it replays this request.' })
  idempotencyKey: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the operator sent or cancelled it.' })
  processedAt: Date | null;

  /** Not exposed: for the field resolvers. */
  companyId: string;
  requestedById: string;
}

export const toForwardingRequestType = (r: ForwardingRequestRow): ForwardingRequestType => ({
  id: r.id,
  status: r.status as ForwardingStatusEnum,
  address: r.address,
  itemCount: r.itemCount,
  idempotencyKey: r.idempotencyKey,
  createdAt: r.createdAt,
  processedAt: r.processedAt,
  companyId: r.companyId,
  requestedById: r.requestedById,
});

@ObjectType('ForwardingRequestEdge', { simpleResolvers: true })
export class ForwardingRequestEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => ForwardingRequestType)
  node: ForwardingRequestType;
}

@ObjectType('ForwardingRequestConnection', { simpleResolvers: true })
export class ForwardingRequestConnection {
  @Field(() => [ForwardingRequestEdge])
  edges: ForwardingRequestEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType('FileLink', { simpleResolvers: true, description: 'A short-lived signed URL to a file, for the member it was made for.' })
export class FileLinkType {
  @Field(() => String)
  url: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}

@ObjectType('MailExport', { simpleResolvers: true, description: 'A short-lived signed URL to a ZIP of the PDFs and a manifest.csv.' })
export class MailExportType {
  @Field(() => String, { description: 'Open within expiresAt; the ZIP is built while it downloads.' })
  url: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Int, { description: 'Number of items in the export.' })
  itemCount: number;
}
