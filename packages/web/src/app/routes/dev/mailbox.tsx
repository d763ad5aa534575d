import { PlainLayout } from '@/components/layouts';
import { DevMailbox } from '@/features/dev-mailbox/components/dev-mailbox';

/** `/dev/mailbox`: public, outside the signed-in shell; only answers in development. */
export function Component() {
  return (
    <PlainLayout>
      <DevMailbox />
    </PlainLayout>
  );
}
