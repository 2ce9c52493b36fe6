/** « Accompagné·e par Claire » on a newcomer's document (nothing on other documents). */
import { useTranslation } from 'react-i18next';
import type { DocumentMentorResponse } from '../../shared/api';

/** The mentor line of a document, from `GET /api/documents/:id/mentor`. */
export function MentorBadge({ mentoring }: { mentoring: DocumentMentorResponse | null }) {
  const { t } = useTranslation();
  if (!mentoring?.newcomer) return null;
  return (
    <p className="hint mentor-badge" data-testid="document-mentor">
      {mentoring.mentor ? t('mentoring.accompaniedBy', { name: mentoring.mentor.name }) : t('mentoring.noMentor', { name: mentoring.newcomer.name })}
    </p>
  );
}
