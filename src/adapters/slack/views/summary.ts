import { Blocks } from 'slack-block-builder';
import { describeKinds, type NetworkSummary } from '../../../core/use-cases/network-summary';
import { mention } from '../text';

/** The network summary as blocks, for /rapport me and the home tab. */
export function summaryBlocks(s: NetworkSummary) {
  const reached = s.departmentsReached.length > 0 ? s.departmentsReached.join(', ') : 'none yet';
  const cold = s.goingCold.map((c) => mention(c.userId)).join(', ');
  return [
    Blocks.Section({
      text: `*Your network*${s.member.departmentName ? ` · ${s.member.departmentName}` : ''}`,
    }),
    Blocks.Section().fields(
      `*Meaningful relationships*\n${s.meaningful} of the ${s.target.min}–${s.target.max} a healthy network has`,
      `*Other departments reached*\n${s.departmentsReached.length}`,
      `*People you've connected with*\n${s.connections}`,
      `*Kudos given · received*\n${s.kudosGiven} · ${s.kudosReceived}`,
    ),
    ...(cold
      ? [Blocks.Section({ text: `*Going cold:* ${cold}. A quick hello keeps them warm.` })]
      : []),
    Blocks.Context().elements(describeKinds(s), `Departments: ${reached}`),
  ];
}
