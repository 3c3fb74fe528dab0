import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MessageList } from './MessageList';

const actions = { retry: vi.fn(), resend: vi.fn(), dismiss: vi.fn() };

/** The list at the very top (jsdom has no layout: scrollTop is 0), older messages on the server. */
function listAtTop(props: { hasOlder?: boolean; loadingOlder?: boolean } = {}) {
  const onLoadOlder = vi.fn();
  render(
    <MessageList
      items={[]}
      hasOlder={props.hasOlder ?? true}
      loadingOlder={props.loadingOlder ?? false}
      onLoadOlder={onLoadOlder}
      actions={actions}
      scrollToEndSignal={0}
    />,
  );
  return { region: screen.getByRole('region', { name: 'Messages' }), onLoadOlder };
}

describe('<MessageList>', () => {
  it('loads older messages when the wheel turns up at the top, where nothing scrolls', () => {
    const { region, onLoadOlder } = listAtTop();
    fireEvent.wheel(region, { deltaY: -300 });
    expect(onLoadOlder).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a turn down', -1, {}],
    ['a turn up while older messages load', 1, { loadingOlder: true }],
    ['a turn up with nothing older', 1, { hasOlder: false }],
  ] as const)('does not load on %s', (_case, direction, props) => {
    const { region, onLoadOlder } = listAtTop(props);
    fireEvent.wheel(region, { deltaY: -300 * direction });
    expect(onLoadOlder).not.toHaveBeenCalled();
  });
});
