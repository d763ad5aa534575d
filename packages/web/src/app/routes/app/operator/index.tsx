import { OperatorHome } from '@/features/operator/components/operator-home';

/** `/operator` */
export function Component() {
  return <OperatorHome />;
}
