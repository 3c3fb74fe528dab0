import type { Provider } from '../../api/types';
import type { ProviderDraft } from '../setup/ProviderFields';
import type { ProviderPatch } from './admin-api';

/** The provider edit form: the shared fields plus what only an existing provider has. */
export interface ProviderEditForm extends ProviderDraft {
  /** Remove the stored key (ignored when a new key is typed). */
  clearApiKey: boolean;
  /** As typed; empty means the server's default. */
  concurrency: string;
}

/** Empty, or a whole number the server accepts (1–1000). */
export function concurrencyValid(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (!/^\d+$/.test(trimmed)) return false;
  const number = Number(trimmed);
  return number >= 1 && number <= 1000;
}

/**
 * What changed between the provider and the edit form, as the PATCH body; null for nothing.
 * The key is write-only: it is sent only when a new one is typed, or as null to remove it.
 * The address is sent only when edited, so a masked password in it is never written back.
 */
export function providerPatch(provider: Provider, form: ProviderEditForm): ProviderPatch | null {
  const patch: ProviderPatch = {};
  const name = form.name.trim();
  const baseUrl = form.baseUrl.trim();
  const apiKey = form.apiKey.trim();
  const concurrency = form.concurrency.trim();
  if (name !== provider.name) patch.name = name;
  if (form.kind !== provider.kind) patch.kind = form.kind;
  if (baseUrl !== provider.baseUrl) patch.baseUrl = baseUrl;
  if (apiKey !== '') patch.apiKey = apiKey;
  else if (form.clearApiKey && provider.hasApiKey) patch.apiKey = null;
  if (concurrency !== String(provider.concurrency)) {
    patch.concurrency = concurrency === '' ? null : Number(concurrency);
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
