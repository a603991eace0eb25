import { TRPCClientError } from '@trpc/client';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';

/**
 * The user-facing text of a failed call: the server's message in the user's language (every error it
 * sends carries both), else a generic line (the server was not reached). The stable `reason` is what
 * code acts on, never the text.
 */
export function errorText(err: unknown, locale: string, fallback: string): { code: string | null; text: string } {
  if (err instanceof TRPCClientError) {
    const data = err.data as { reason?: string; text?: LocalizedText } | undefined;
    if (data?.text) return { code: data.reason ?? null, text: textIn(data.text, locale) };
    return { code: data?.reason ?? null, text: fallback };
  }
  return { code: null, text: fallback };
}

/** Base64 of a file's bytes, read in the browser (the import procedure takes base64). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Offers base64 content as a download under its file name. */
export function downloadBase64(fileName: string, mimeType: string, contentBase64: string) {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
