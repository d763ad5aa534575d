import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { teamEn } from '@/locales/team/en';
import { teamFr } from '@/locales/team/fr';

/**
 * The texts of the team pages (`team` namespace), added to i18next when these lazily loaded pages
 * first render, so they are not part of the initial bundle.
 */
export function useTeamTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'team', { fr: teamFr, en: teamEn });
  return useTranslation('team');
}
