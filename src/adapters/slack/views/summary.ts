import { Blocks } from 'slack-block-builder';
import {
  RELATIONSHIP_KINDS,
  RELATIONSHIP_KIND_LABELS,
} from '../../../core/domain/relationship-kind';
import type { NetworkSummary } from '../../../core/use-cases/network-summary';

/** The network summary as blocks, for /rapport me and the home tab. */
export function summaryBlocks(s: NetworkSummary) {
  const kinds = RELATIONSHIP_KINDS.map(
    (k) => `${s.relationships[k]} ${RELATIONSHIP_KIND_LABELS[k]}`,
  ).join(' · ');
  const reached = s.departmentsReached.length > 0 ? s.departmentsReached.join(', ') : 'none yet';
  return [
    Blocks.Section({
      text: `*Your network*${s.member.departmentName ? ` · ${s.member.departmentName}` : ''}`,
    }),
    Blocks.Section().fields(
      `*Kudos given*\n${s.kudosGiven}`,
      `*Kudos received*\n${s.kudosReceived}`,
      `*People you've connected with*\n${s.connections}`,
      `*Other departments reached*\n${s.departmentsReached.length}`,
    ),
    Blocks.Context().elements(`${kinds}`, `Departments: ${reached}`),
  ];
}
