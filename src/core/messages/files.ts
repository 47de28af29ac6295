import { card, context, section, type Card } from '../conversation/card';
import { text } from '../conversation/text';

/** Files offered by link (Teams): each to download, and for how long the links work. */
export function downloadCard(files: Array<{ title: string; url: string }>, minutes: number): Card {
  return card(
    files.length === 1 ? `${files[0]!.title}, to download` : 'Your files, to download',
    section(text(files.length === 1 ? 'Here is your file:' : 'Here are your files:')),
    { type: 'links', links: files.map((f) => ({ label: `Download ${f.title}`, url: f.url })) },
    context(
      text(
        `The links work for ${minutes} minutes, for whoever has them: open them yourself, and do not forward them.`,
      ),
    ),
  );
}

/** The deployment has no public address for downloads (RAPPORT_PUBLIC_URL is not set). */
export const filesUnavailable = (): Card =>
  card(
    'Files cannot be sent here yet',
    section(
      text(
        'I have your file, but I cannot hand files over here yet: whoever runs Rapport needs to set the address it is reached at. Please ask them.',
      ),
    ),
  );
