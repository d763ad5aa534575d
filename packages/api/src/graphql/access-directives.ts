import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  Kind,
  isObjectType,
  parse,
  print,
  visit,
  type ArgumentNode,
  type ConstDirectiveNode,
  type GraphQLEnumType,
  type GraphQLSchema,
} from 'graphql';
import { isApiTokenPermission, PERMISSION_MATRIX } from '@guichet/shared';
import type { AccessDeclaration } from '../modules/identity/access';
import { ACCESS_EXTENSION } from './access';
import { graphqlNameOf } from './enums';

/**
 * The access contract, printed in the SDL: each protected field carries one of these directives,
 * so a third party reading `schema.graphql` sees what each field requires.
 */
export function accessDirectives(schema: GraphQLSchema): GraphQLDirective[] {
  const permission = schema.getType('Permission') as GraphQLEnumType;
  const scope = schema.getType('Scope') as GraphQLEnumType;
  const capability = schema.getType('OperatorTokenCapability') as GraphQLEnumType;
  const onField = [DirectiveLocation.FIELD_DEFINITION];
  return [
    new GraphQLDirective({
      name: 'requiresPermission',
      description:
        'Requires a permission of the access matrix in one company: `scopes` grant it (ADMIN grants every one), `company` says where the company comes from ("parent" for a field of Company, else the argument that names it), and `apiTokens` whether a token holding the permission may use it.',
      locations: onField,
      args: {
        permission: { type: new GraphQLNonNull(permission) },
        scopes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(scope))) },
        company: { type: new GraphQLNonNull(GraphQLString) },
        apiTokens: { type: new GraphQLNonNull(GraphQLBoolean) },
      },
    }),
    new GraphQLDirective({
      name: 'staffOnly',
      description: 'Reserved to the operator’s staff, and to operator tokens holding `operatorToken` when it is given.',
      locations: onField,
      args: { operatorToken: { type: capability } },
    }),
    new GraphQLDirective({
      name: 'signedIn',
      description: 'Requires a person signed in (session); API tokens are refused.',
      locations: onField,
    }),
    new GraphQLDirective({ name: 'apiTokenOnly', description: 'Requires an API token (Authorization: Bearer).', locations: onField }),
    new GraphQLDirective({ name: 'public', description: 'Open to anyone, without authentication.', locations: onField }),
  ];
}

const enumValue = (value: string): ArgumentNode['value'] => ({ kind: Kind.ENUM, value });
const arg = (name: string, value: ArgumentNode['value']): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: name },
  value,
});

/** The directive that shows a declaration in the SDL. */
export function accessDirectiveNode(access: AccessDeclaration): ConstDirectiveNode {
  const directive = (name: string, args: ArgumentNode[] = []): ConstDirectiveNode =>
    ({ kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name }, arguments: args }) as ConstDirectiveNode;
  switch (access.kind) {
    case 'public':
      return directive('public');
    case 'person':
      return directive('signedIn');
    case 'apiToken':
      return directive('apiTokenOnly');
    case 'staff':
      return directive('staffOnly', access.operatorToken ? [arg('operatorToken', enumValue(graphqlNameOf(access.operatorToken)))] : []);
    case 'permission':
      return directive('requiresPermission', [
        arg('permission', enumValue(graphqlNameOf(access.permission))),
        arg('scopes', { kind: Kind.LIST, values: PERMISSION_MATRIX[access.permission].map((s) => enumValue(s)) }),
        arg('company', {
          kind: Kind.STRING,
          value: access.company === 'parent' ? 'parent' : access.company === 'signedLink' ? 'signedLink' : access.company.arg,
        }),
        arg('apiTokens', { kind: Kind.BOOLEAN, value: isApiTokenPermission(access.permission) }),
      ]);
  }
}

/**
 * Prints the schema with each field's access directive applied (graphql-js prints directive
 * definitions but not their uses): the SDL is parsed back and the directives added to the fields.
 */
export function printSchemaWithAccess(schema: GraphQLSchema, sdl: string): string {
  const accessOf = new Map<string, AccessDeclaration>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
      if (access) accessOf.set(`${type.name}.${field.name}`, access);
    }
  }
  let typeName = '';
  const document = visit(parse(sdl), {
    ObjectTypeDefinition: { enter: (node) => void (typeName = node.name.value) },
    FieldDefinition: (node) => {
      const access = accessOf.get(`${typeName}.${node.name.value}`);
      return access ? { ...node, directives: [...(node.directives ?? []), accessDirectiveNode(access)] } : undefined;
    },
  });
  return print(document);
}
