import { ForwardingQueuePage } from '@/features/operator/components/forwarding-queue-page';

/** `/operator/forwarding`: "File de réexpédition". */
export function Component() {
  return <ForwardingQueuePage />;
}
