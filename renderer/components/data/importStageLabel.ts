// How an import session's stage reads in the file list: a short label and a badge tone.
// Layer: renderer (pure).
import type { ImportSession } from '../../stores/importSession'

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger'

export function stageBadge(session: ImportSession): { text: string; tone: BadgeTone } {
  switch (session.stage) {
    case 'uploading': {
      const upload = session.upload
      const percent = upload === null || upload.total === 0 ? 0 : Math.round((upload.loaded / upload.total) * 100)
      return { text: `Uploading ${percent}%`, tone: 'accent' }
    }
    case 'inspecting':
      return { text: 'Inspecting…', tone: 'accent' }
    case 'review': {
      const questions = session.inspection?.questions.length ?? 0
      return questions > 0 ? { text: questions === 1 ? '1 question' : `${questions} questions`, tone: 'warning' } : { text: 'Ready to import', tone: 'neutral' }
    }
    case 'importing':
      return { text: 'Importing…', tone: 'accent' }
    case 'report':
      return (session.report?.rejectedRows ?? 0) > 0 ? { text: 'Rejects to review', tone: 'warning' } : { text: 'Ready to accept', tone: 'accent' }
    case 'committing':
      return { text: 'Saving…', tone: 'accent' }
    case 'committed':
      return { text: 'Imported', tone: 'success' }
    case 'discarded':
      return { text: 'Cancelled', tone: 'neutral' }
    case 'failed':
      return { text: 'Failed', tone: 'danger' }
    default: {
      const never: never = session.stage
      return never
    }
  }
}

export const TONE_CLASS: Record<BadgeTone, string> = {
  neutral: 'badge',
  accent: 'badge badge-accent',
  success: 'badge badge-success',
  warning: 'badge badge-warning',
  danger: 'badge badge-danger',
}
