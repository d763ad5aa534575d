import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPANY_FIELD_PERMISSIONS } from '@/lib/access-change';

/** `MAIL_READ` → `mail:read`, `API_TOKEN_MANAGE` → `apiToken:manage`. */
function permissionOf(enumValue: string): string {
  const [resource = '', ...action] = enumValue.toLowerCase().split('_');
  const last = action.pop() ?? '';
  const camel = [resource, ...action].map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))).join('');
  return `${camel}:${last}`;
}

describe('the Company fields evicted after a lost access', () => {
  it('are exactly the fields the schema protects with a permission, with the same permission', () => {
    const schema = readFileSync(join(__dirname, '../../../../api/schema.graphql'), 'utf8');
    const body = /\ntype Company [^{]*\{([\s\S]*?)\n\}/.exec(schema)?.[1] ?? '';
    const protectedFields = Object.fromEntries(
      [...body.matchAll(/\n {2}(\w+)(?:\([^)]*\))?: [^\n]*@requiresPermission\(permission: (\w+)/g)].map(
        ([, field = '', permission = '']) => [field, permissionOf(permission)],
      ),
    );
    expect(Object.keys(protectedFields).length).toBeGreaterThan(10);
    expect(COMPANY_FIELD_PERMISSIONS).toEqual(protectedFields);
  });
});
