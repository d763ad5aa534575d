import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';

@ObjectType('ActivityEvent', { description: 'One entry of the company’s journal: who did what, when, from where.' })
export class ActivityEventType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'e.g. team.invited, team.scopes_changed, team.removed, auth.login, mail.downloaded.' })
  action: string;

  @Field(() => String, { nullable: true, description: 'Name of the person who acted; null for the system or the public.' })
  actorName: string | null;

  @Field(() => String, { nullable: true })
  actorEmail: string | null;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => String, { nullable: true, description: 'JSON document with the details of the change.' })
  details: string | null;

  @Field(() => String, { nullable: true })
  ip: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('ActivityEventEdge')
export class ActivityEventEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => ActivityEventType)
  node: ActivityEventType;
}

@ObjectType('ActivityEventConnection')
export class ActivityEventConnection {
  @Field(() => [ActivityEventEdge])
  edges: ActivityEventEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
