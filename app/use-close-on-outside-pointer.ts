'use client';
import { useEffect, type RefObject } from 'react';

/** Closes a pop-up panel when the user presses a pointer anywhere outside `root` (focus stays where they clicked). */
export function useCloseOnOutsidePointer(root: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, root, close]);
}
