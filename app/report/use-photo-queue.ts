'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { EMPTY_QUEUE, photoQueueReducer, takeFiles, type PhotoQueue } from './photo-queue';
import { shrinkIfLarge, uploadPhoto } from './photo-upload';

export interface PhotoQueueHandle {
  queue: PhotoQueue;
  /** A local preview (object URL) of each item, by its key. */
  previews: Readonly<Record<string, string>>;
  /** Takes what the limit allows of the chosen files and uploads each at once; says how many were left out. */
  add: (files: readonly File[]) => { leftOut: number };
  remove: (key: string) => void;
  clear: () => void;
}

/** The photo queue of one step, with its uploads running and its previews kept. */
export function usePhotoQueue(): PhotoQueueHandle {
  const [queue, dispatch] = useReducer(photoQueueReducer, EMPTY_QUEUE);
  const [previews, setPreviews] = useState<Record<string, string>>({});
  // The latest queue for the callbacks (the limit is counted against it), the running uploads and the URLs.
  const current = useRef(queue);
  current.current = queue;
  const uploads = useRef(new Map<string, AbortController>());
  const urls = useRef(new Map<string, string>());
  const counter = useRef(0);

  const forget = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    const url = urls.current.get(key);
    if (url) URL.revokeObjectURL(url);
    urls.current.delete(key);
  }, []);

  const add = useCallback((files: readonly File[]) => {
    const { taken, leftOut } = takeFiles(current.current, files.length);
    const chosen = files.slice(0, taken).map((file) => ({ file, key: `photo-${++counter.current}` }));
    if (chosen.length === 0) return { leftOut };
    const items = chosen.map(({ file, key }) => ({ key, name: file.name || key, bytes: file.size }));
    // Counted at once, so that a second choice before the next render cannot pass the limit.
    current.current = photoQueueReducer(current.current, { type: 'added', items });
    dispatch({ type: 'added', items });
    const fresh: Record<string, string> = {};
    for (const { file, key } of chosen) {
      if (file.type.startsWith('image/')) {
        const url = URL.createObjectURL(file);
        urls.current.set(key, url);
        fresh[key] = url;
      }
      const control = new AbortController();
      uploads.current.set(key, control);
      void (async () => {
        const body = await shrinkIfLarge(file);
        if (control.signal.aborted) return;
        if (!body) {
          dispatch({ type: 'failed', key, failure: { kind: 'local', reason: 'too_large' } });
          return;
        }
        const result = await uploadPhoto(body, (progress) => dispatch({ type: 'progress', key, progress }), control.signal);
        if (control.signal.aborted) return;
        uploads.current.delete(key);
        dispatch(result.ok ? { type: 'uploaded', key, photoId: result.photo.id } : { type: 'failed', key, failure: result.failure });
      })();
    }
    setPreviews((p) => ({ ...p, ...fresh }));
    return { leftOut };
  }, []);

  const remove = useCallback(
    (key: string) => {
      forget(key);
      dispatch({ type: 'removed', key });
      setPreviews(({ [key]: _, ...rest }) => rest);
    },
    [forget],
  );

  const clear = useCallback(() => {
    for (const key of [...urls.current.keys(), ...uploads.current.keys()]) forget(key);
    dispatch({ type: 'cleared' });
    setPreviews({});
  }, [forget]);

  useEffect(() => {
    const running = uploads.current;
    const held = urls.current;
    return () => {
      for (const c of running.values()) c.abort();
      for (const url of held.values()) URL.revokeObjectURL(url);
    };
  }, []);

  return { queue, previews, add, remove, clear };
}
