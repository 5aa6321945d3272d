import type { ComponentPropsWithRef } from 'react';
import { useApp } from '../store/context.js';
import { selectNetworkDown } from '../store/network.js';
import { Button } from './ui.js';

/** A button whose action needs Glaceon's servers: disabled (and says why) while they cannot be reached. */
export function NetButton(props: ComponentPropsWithRef<typeof Button>) {
  const down = useApp(selectNetworkDown);
  return <Button {...props} disabled={props.disabled || down} aria-describedby={down ? 'outage-banner' : props['aria-describedby']} />;
}
