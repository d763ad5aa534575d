import { UploadPage } from '@/features/operator/components/upload-page';

/** `/operator/mail`: "Déposer des courriers". */
export function Component() {
  return <UploadPage />;
}
