import { useEffect, useRef, useState } from 'react';

/** `no`: still the stand-in; `yes`: live (near the view); `focus`: live and taking the focus. */
export type Live = 'no' | 'yes' | 'focus';

/**
 * For a block whose costly fields are built only when needed: goes live when its stand-in (the
 * element `ref` is attached to) comes within 600 px of the view, or when `setLive` is called.
 */
export function useLiveNearView<E extends HTMLElement = HTMLDivElement>() {
  const [live, setLive] = useState<Live>('no');
  const ref = useRef<E>(null);
  useEffect(() => {
    const element = ref.current;
    if (live !== 'no' || element === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setLive('yes');
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [live]);
  return { live, setLive, ref };
}
