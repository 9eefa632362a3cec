// Maps an app:// URL to a file of the built renderer.
import { rendererAssetPath } from '../renderer-assets';
import { APP_HOST } from './app-origin';

export function rendererFileFor(rendererRoot: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  return rendererAssetPath(rendererRoot, url.pathname);
}
