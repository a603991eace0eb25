/**
 * Sends one file of addresses to POST /api/addresses/import and follows it to the end.
 *
 * XMLHttpRequest, not fetch: a file of up to 256 MB takes minutes to go up an intranet link, and only
 * XMLHttpRequest reports how much of a request body has been sent (fetch has no upload progress; a
 * streamed request body would need HTTP/2, which the app's plain HTTP/1.1 server does not speak). The
 * same request also gives the streamed answer as it arrives: `responseText` grows line by line while
 * the server places the rows, and is read from where it was last read. Holding the whole answer is
 * cheap: a few dozen progress lines and one report whose lists the server caps (REPORT_ROWS).
 */
import { nextStage, type ImportStage, type StageEvent } from './import-stage';
import { parseLine, plainAnswer, splitLines, type ImportOutcome } from './import-stream';
import { contentTypeOf, formatOfName, importUrl, type ImportCrs, type ImportMode } from './import-file';

export function sendAddressFile(
  file: File,
  options: { crs: ImportCrs; mode: ImportMode },
  onStage: (stage: ImportStage | null) => void,
): Promise<ImportOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let stage: ImportStage | null = null;
    let read = 0;
    let rest = '';
    let outcome: ImportOutcome | null = null;
    let streamed = false;
    const move = (e: StageEvent) => {
      const next = nextStage(stage, e);
      if (next !== stage) onStage((stage = next));
    };
    const readArrived = () => {
      if (!streamed) return;
      const text = xhr.responseText;
      const { lines, rest: left } = splitLines(rest, text.slice(read));
      read = text.length;
      rest = left;
      for (const line of lines) {
        const parsed = parseLine(line);
        if (!parsed) continue;
        if ('progress' in parsed) move({ progress: parsed.progress });
        else outcome = parsed.outcome;
      }
    };
    xhr.open('POST', importUrl(file.name, options.crs, options.mode));
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.setRequestHeader('Content-Type', contentTypeOf(formatOfName(file.name)));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) move({ upload: { loaded: e.loaded, total: e.total } });
    };
    xhr.upload.onload = () => move({ uploaded: true });
    xhr.onreadystatechange = () => {
      if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) {
        streamed = (xhr.getResponseHeader('Content-Type') ?? '').includes('application/x-ndjson');
      }
    };
    xhr.onprogress = readArrived;
    xhr.onload = () => {
      if (!streamed) return resolve(plainAnswer(xhr.status, xhr.responseText));
      readArrived();
      // The last line has no newline after it only if the stream was cut.
      if (rest.trim()) {
        const parsed = parseLine(rest);
        if (parsed && 'outcome' in parsed) outcome = parsed.outcome;
      }
      resolve(outcome ?? { kind: 'failed', reason: 'unreadable', status: xhr.status });
    };
    xhr.onerror = () => resolve(outcome ?? { kind: 'failed', reason: 'network', status: 0 });
    xhr.onabort = () => resolve(outcome ?? { kind: 'failed', reason: 'network', status: 0 });
    xhr.send(file);
  });
}
