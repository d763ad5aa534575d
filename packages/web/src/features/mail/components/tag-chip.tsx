import type { MailTagFragment } from '../api/generated';
import { chipTextColor, safeTagColor } from '../utils/tag-colors';

/** A tag in its colour, with the text colour that keeps a contrast of at least 4.5:1. */
export function TagChip({ tag }: { tag: Pick<MailTagFragment, 'name' | 'color'> }) {
  const background = safeTagColor(tag.color);
  return (
    <span className="tag-chip" style={{ backgroundColor: background, color: chipTextColor(background) }}>
      {tag.name}
    </span>
  );
}

/** The tags of an item as a list (or a dash that says "no tags" to screen readers). */
export function TagList({ tags, emptyLabel }: { tags: readonly MailTagFragment[]; emptyLabel: string }) {
  if (tags.length === 0) {
    return (
      <>
        <span aria-hidden="true" className="muted">
          —
        </span>
        <span className="visually-hidden">{emptyLabel}</span>
      </>
    );
  }
  return (
    <ul className="tags">
      {tags.map((tag) => (
        <li key={tag.id}>
          <TagChip tag={tag} />
        </li>
      ))}
    </ul>
  );
}
