import { useId } from 'react';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { TAG_PALETTE } from '../utils/tag-colors';

export interface ColorPaletteProps {
  value: string;
  onChange: (color: string) => void;
  error?: string;
}

/** The colour of a tag: a radio group of swatches, each named ("Bleu"), arrow keys move between them. */
export function ColorPalette({ value, onChange, error }: ColorPaletteProps) {
  const { t } = useMailTranslation();
  const name = `color-${useId()}`;
  const errorId = `${name}-error`;
  const inPalette = TAG_PALETTE.some((entry) => entry.color === value.toLowerCase());
  const options: { color: string; label: string }[] = [
    ...TAG_PALETTE.map((entry) => ({ color: entry.color, label: t(`colors.${entry.key}`) })),
    ...(value && !inPalette ? [{ color: value, label: t('colors.custom', { color: value }) }] : []),
  ];
  return (
    <fieldset className="palette" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{t('tags.color')}</legend>
      <div className="palette__options">
        {options.map((option) => (
          <label key={option.color} className="palette__option" title={option.label}>
            <input
              type="radio"
              name={name}
              className="palette__input"
              value={option.color}
              checked={option.color === value.toLowerCase()}
              onChange={() => onChange(option.color)}
            />
            <span className="palette__swatch" style={{ backgroundColor: option.color }} aria-hidden="true" />
            <span className="visually-hidden">{option.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
