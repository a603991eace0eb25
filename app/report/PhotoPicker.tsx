'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { textIn } from '@/geo/text/localized-text';
import { PHOTO_LIMIT, percent, roomLeft, type PhotoFailure, type PhotoItem } from './photo-queue';
import type { PhotoQueueHandle } from './use-photo-queue';

/**
 * The photos of a step: the camera or gallery (several at once, up to six), each uploaded at once with
 * its progress, its failure in the server's words, and a button to remove it before sending.
 */
export function PhotoPicker({
  photos,
  inputId,
  errorId,
  disabled,
}: {
  photos: PhotoQueueHandle;
  inputId?: string;
  errorId?: string;
  disabled?: boolean;
}) {
  const t = useTranslations('incidents.photos');
  const locale = useLocale();
  const ownId = useId();
  const id = inputId ?? `${ownId}-input`;
  const hintId = `${ownId}-hint`;
  const [note, setNote] = useState<string | null>(null);
  const { queue } = photos;
  const room = roomLeft(queue);

  const failureText = (f: PhotoFailure) => (f.kind === 'server' ? textIn(f.text, locale) : t(f.reason === 'too_large' ? 'tooLarge' : 'network'));
  const statusText = (item: PhotoItem) =>
    item.status === 'uploading' ? t('uploading', { percent: percent(item.progress) }) : item.status === 'done' ? t('done') : t('failed', { reason: failureText(item.failure) });

  const uploading = queue.items.filter((i) => i.status === 'uploading').length;
  const done = queue.items.filter((i) => i.status === 'done').length;
  const failed = queue.items.filter((i) => i.status === 'failed').length;

  return (
    <div className="rp-photos">
      <div className={`rp-photo-add${room === 0 || disabled ? ' rp-photo-add-off' : ''}`}>
        <label htmlFor={id} className="rp-photo-add-label">
          <span aria-hidden="true" className="rp-photo-add-icon">＋</span>
          {t('add')}
        </label>
        <input
          id={id}
          className="ga-visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={room === 0 || disabled}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            // Cleared at once, so that the same photo can be chosen again after it was removed.
            e.target.value = '';
            if (files.length === 0) return;
            const { leftOut } = photos.add(files);
            setNote(leftOut > 0 ? t('leftOut', { max: PHOTO_LIMIT, count: leftOut }) : null);
          }}
        />
      </div>
      <p id={hintId} className="ga-field-hint rp-hint">
        {room === 0 ? t('full', { max: PHOTO_LIMIT }) : t('hint', { max: PHOTO_LIMIT, room })}
      </p>
      {note && <p className="ga-form-note">{note}</p>}
      {queue.items.length > 0 && (
        <ul className="rp-photo-list" aria-label={t('list')}>
          {queue.items.map((item, i) => {
            const n = i + 1;
            const preview = photos.previews[item.key];
            return (
              <li key={item.key} className={`rp-photo rp-photo-${item.status}`}>
                {preview ? <img className="rp-photo-thumb" src={preview} alt={t('item', { n })} /> : <span className="rp-photo-thumb rp-photo-thumb-none" aria-hidden="true" />}
                <div className="rp-photo-text">
                  <span className="rp-photo-name">{item.name}</span>
                  {item.status === 'failed' ? (
                    <span role="alert" className="rp-photo-error">
                      {statusText(item)}
                    </span>
                  ) : (
                    <span className="rp-photo-status">{statusText(item)}</span>
                  )}
                  {item.status === 'uploading' && <progress className="rp-photo-progress" max={100} value={percent(item.progress)} aria-label={t('progress', { n })} />}
                </div>
                <button type="button" className="ga-secondary rp-photo-remove" onClick={() => photos.remove(item.key)} aria-label={t('remove', { n })}>
                  {t('removeShort')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {/* The counts change only when an upload starts, ends or fails: a polite summary, not every percent. */}
      <p className="ga-visually-hidden" role="status" aria-live="polite">
        {queue.items.length > 0 ? t('summary', { done, uploading, failed }) : ''}
      </p>
    </div>
  );
}
