// Ink's Text with every string child sanitised. Screens draw text only through this one,
// so a remote string (an app name, an error, a build's output) cannot carry an escape
// sequence to the terminal past a view that forgot to clean it; eslint keeps Ink's own
// Text out of src/screens. Already clean text costs one regex test.
import { createElement, type ReactNode } from 'react';
import { Text as InkText, type TextProps } from 'ink';
import { sanitizeLine } from '../logs/sanitize.js';

export function Text(props: TextProps) {
  const { children, ...rest } = props;
  // Spread as separate arguments: React then treats them as written children, not a list needing keys.
  const parts = Array.isArray(children) ? children.map(clean) : [clean(children)];
  return createElement(InkText, rest, ...parts);
}

function clean(child: ReactNode): ReactNode {
  if (typeof child === 'string') return sanitizeLine(child);
  if (Array.isArray(child)) return child.map(clean);
  return child;
}
