import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Relay page information. Cursors are keyset positions, stable under inserts.' })
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;
}
