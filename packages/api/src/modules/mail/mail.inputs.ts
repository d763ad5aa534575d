import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { MailStatusEnum, MailTypeEnum } from './mail.type';

@InputType('MailFilter', { description: 'Filters combine with AND. Dates are instants (ISO 8601).' })
export class MailFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Items carrying any of these tags.' })
  tagIds?: string[] | null;

  @Field(() => MailTypeEnum, { nullable: true })
  type?: MailTypeEnum | null;

  @Field(() => MailStatusEnum, { nullable: true })
  status?: MailStatusEnum | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Received at or after this instant (inclusive).' })
  receivedFrom?: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Received before this instant (exclusive). A range ending before `receivedFrom` is refused (BAD_USER_INPUT).',
  })
  receivedTo?: Date | null;

  @Field(() => String, { nullable: true, description: 'Text found in the sender or the recipient, ignoring case and accents.' })
  search?: string | null;
}
