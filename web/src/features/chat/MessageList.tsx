import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import type { ChatItem } from './chat-items';
import { MessageView, type MessageActions } from './MessageView';

/** How close to the top (px) scrolling up starts loading older messages. */
const LOAD_OLDER_AT = 400;
const OLDER_BAR = 48;

/**
 * The conversation's messages, virtualised: only the rows near the viewport are in the page,
 * each measured as it renders (answers differ wildly in height). It opens at the newest
 * message, stays pinned to the bottom while an answer grows (unless the reader scrolled up),
 * and keeps the reader's place when older messages are loaded above.
 */
export function MessageList({
  items,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  actions,
  scrollToEndSignal,
}: {
  items: readonly ChatItem[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  actions: MessageActions;
  /** Changes when the view must jump to the newest message (the reader sent one). */
  scrollToEndSignal: number;
}) {
  const { t } = useTranslation('chat');
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler here: the virtualizer's functions are read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 120,
    getItemKey: (index) => items[index]?.key ?? index,
    overscan: 6,
    gap: 16,
    paddingStart: hasOlder ? OLDER_BAR + 16 : 16,
    paddingEnd: 16,
    // Chat mode: hold the bottom while rows grow or arrive, hold the reader's row on prepends.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 48,
  });

  // Open at the newest message (the list mounts with its rows; it is not shown empty).
  useLayoutEffect(() => {
    virtualizer.scrollToEnd();
  }, [virtualizer]);

  // Only the reader's own scrolling loads history: the list's own jumps (opening at the
  // end, keeping the place while rows are measured) pass near the top too.
  const readerScrolled = useRef(false);
  const noteReader = () => {
    readerScrolled.current = true;
  };

  useEffect(() => {
    if (scrollToEndSignal > 0) virtualizer.scrollToEnd();
  }, [scrollToEndSignal, virtualizer]);

  const loadOlderNearTop = () => {
    const element = scrollRef.current;
    if (!element || !hasOlder || loadingOlder || !readerScrolled.current) return;
    if (element.scrollTop < LOAD_OLDER_AT) onLoadOlder();
  };
  const onScroll = () => {
    if (virtualizer.scrollDirection === 'backward') loadOlderNearTop();
  };
  // At the very top a turn of the wheel scrolls nothing, so no scroll event follows: a reader
  // who got there in one move (or whose last scroll event came before the direction was
  // known) still gets the older messages by turning the wheel up.
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    noteReader();
    if (event.deltaY < 0) loadOlderNearTop();
  };

  const rows = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      onWheel={onWheel}
      onTouchStart={noteReader}
      onKeyDown={noteReader}
      onPointerDown={noteReader}
      tabIndex={0}
      role="region"
      aria-label={t('messages.label')}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain"
    >
      <div
        className="relative mx-auto max-w-3xl px-3 sm:px-4"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {hasOlder && (
          <div className="absolute inset-x-0 top-2 flex justify-center">
            <Button variant="ghost" size="sm" loading={loadingOlder} onClick={onLoadOlder}>
              {t('messages.older')}
            </Button>
          </div>
        )}
        {rows.map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="absolute inset-x-3 top-0 sm:inset-x-4"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <MessageView item={item} isLast={row.index === items.length - 1} actions={actions} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
