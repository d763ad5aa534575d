import { NotFound } from '@/components/errors/not-found';

/** An unknown section inside a company: the 404 keeps the company's navigation around it. */
export function Component() {
  return <NotFound />;
}
