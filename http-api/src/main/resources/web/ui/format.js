// Display formats. Prices arrive as JSON numbers with at most 4 fractional digits (API.md), which a
// double represents exactly enough to print them back unchanged; nothing here does arithmetic
// that feeds back into the engine.

const priceFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const percentFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'always',
});
const changeFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
  signDisplay: 'always',
});
const volumeFormat = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});
const fullNumber = new Intl.NumberFormat('en-US');
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export const DASH = '—';

export function price(value) {
  return value == null ? DASH : priceFormat.format(value);
}

/**
 * Change against the previous close: {text, direction, label}, direction up, down or flat. The
 * engine sends change and changePercent with every quote that has a previous close (derived from
 * the session's prices when the provider sends none).
 */
export function change(quote) {
  if (quote.previousClose == null || quote.previousClose === 0) {
    return {
      text: DASH,
      arrow: '',
      absolute: '',
      percent: DASH,
      direction: 'flat',
      label: 'no previous close',
    };
  }
  const absolute = quote.change ?? quote.price - quote.previousClose;
  const percent = quote.changePercent ?? (absolute / quote.previousClose) * 100;
  const direction = absolute > 0 ? 'up' : absolute < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : '';
  const absoluteText = changeFormat.format(absolute);
  const percentText = `${percentFormat.format(percent)}%`;
  const text = `${arrow}${absoluteText} ${percentText}`;
  const label = `${absoluteText}, ${percentFormat.format(percent)} percent since the previous close`;
  return { text, arrow, absolute: absoluteText, percent: percentText, direction, label };
}

export function volume(value) {
  return value == null ? DASH : volumeFormat.format(value);
}

export function volumeTitle(value) {
  return value == null ? '' : `${fullNumber.format(value)} traded today`;
}

export function time(iso) {
  return iso ? timeFormat.format(new Date(iso)) : DASH;
}
