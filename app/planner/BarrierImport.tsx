'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Outcome } from '@/app/admin/outcome';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { NAME_MAX } from './params';

/** At most this much GeoJSON text (the server's limit). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Brings in a barrier layer (roads, rivers, railways a re-division should not cross): a name and a
 * GeoJSON file of lines, read in the browser and sent as text; the server checks it whole.
 */
export function BarrierImport({ onImported }: { onImported: (layerId: number, name: string) => void }) {
  const t = useTranslations('planner.barriers');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const importLayer = useMutation(trpc.planner.importBarriers.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.planner.barrierLayers.queryFilter()) }));

  const submit = async (e: FormEvent) => {
    // The import is its own form inside the run form's area: it never submits the run.
    e.preventDefault();
    e.stopPropagation();
    setDone(null);
    const chosen = file.current?.files?.[0];
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > NAME_MAX) {
      setProblem(t('nameRequired'));
      nameField.current?.focus();
      return;
    }
    if (!chosen) {
      setProblem(t('fileRequired'));
      file.current?.focus();
      return;
    }
    if (chosen.size > MAX_FILE_BYTES) {
      setProblem(t('fileTooLarge'));
      file.current?.focus();
      return;
    }
    setProblem(null);
    try {
      const layer = await importLayer.mutateAsync({ name: trimmed, geojson: await chosen.text() });
      setDone(t('imported', { name: layer.name, lines: layer.lines }));
      setName('');
      if (file.current) file.current.value = '';
      onImported(layer.id, layer.name);
    } catch (err) {
      setProblem(errorText(err, locale, t('failed')).text);
    }
  };

  return (
    <details className="pn-barrier-import">
      <summary>{t('importTitle')}</summary>
      <form onSubmit={(e) => void submit(e)} aria-busy={importLayer.isPending} aria-labelledby={`${id}-title`}>
        <p id={`${id}-title`} className="ga-field-hint">
          {t('importHint')}
        </p>
        <div className="ga-field">
          <label htmlFor={`${id}-name`}>{t('name')}</label>
          <input ref={nameField} id={`${id}-name`} value={name} maxLength={NAME_MAX} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="ga-field">
          <label htmlFor={`${id}-file`}>{t('file')}</label>
          <input ref={file} id={`${id}-file`} type="file" accept=".geojson,.json,application/geo+json,application/json" />
        </div>
        <Outcome error={problem} done={done} />
        <button type="submit" className="ga-secondary" disabled={importLayer.isPending}>
          {importLayer.isPending ? t('importing') : t('import')}
        </button>
      </form>
    </details>
  );
}
