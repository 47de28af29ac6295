import { FORGOTTEN_GIVER, isForgottenId } from '../../src/core/domain/member';
import { confirmationValid, deliveryWithout, type Forgetting } from '../../src/core/domain/forget';
import {
  noticeOfFailure,
  type DeliveryTarget,
  type OutboundMessage,
} from '../../src/core/domain/outbound';

const ZED: Forgetting = { userId: 'UZED', name: 'Zed Z', mentionedAs: 'a former colleague' };
const toLi: DeliveryTarget = { type: 'member', userId: 'ULI' };
const member = (userId: string) => ({ userId, name: userId, department: null, title: null });

describe('a message not sent yet, once a member is forgotten', () => {
  it('is not sent at all when it was for them alone', () => {
    expect(
      deliveryWithout(
        {
          target: { type: 'member', userId: 'UZED' },
          message: { kind: 'kudos_prompt', values: [] },
        },
        ZED,
      ),
    ).toBeNull();
  });

  it('goes to the rest of a group, and introduces them to each other only', () => {
    const message: OutboundMessage = {
      kind: 'round_intro',
      channelId: 'C1',
      members: ['UZED', 'ULI', 'UANA'].map(member),
      starter: 'hi',
      sharedHours: null,
    };
    expect(
      deliveryWithout(
        { target: { type: 'group', userIds: ['UZED', 'ULI', 'UANA'] }, message },
        ZED,
      ),
    ).toEqual({
      target: { type: 'group', userIds: ['ULI', 'UANA'] },
      message: { ...message, members: ['ULI', 'UANA'].map(member) },
    });
    // A pair has nobody left to meet.
    expect(
      deliveryWithout(
        {
          target: { type: 'group', userIds: ['UZED', 'ULI'] },
          message: { kind: 'round_checkin', groupId: 'g', channelId: 'C1' },
        },
        ZED,
      ),
    ).toBeNull();
  });

  it('tells of a kudos they gave as from a former colleague, and takes them off one they shared', () => {
    expect(
      deliveryWithout(
        {
          target: toLi,
          message: {
            kind: 'kudos_received',
            kudosId: 'k',
            giverId: 'UZED',
            message: 'thanks',
            channelId: null,
          },
        },
        ZED,
      ),
    ).toEqual({
      target: toLi,
      message: {
        kind: 'kudos_received',
        kudosId: 'k',
        giverId: FORGOTTEN_GIVER,
        message: 'thanks',
        channelId: null,
      },
    });
    const post: OutboundMessage = {
      kind: 'kudos_post',
      kudosId: 'k',
      giverId: 'UANA',
      recipientIds: ['UZED', 'ULI'],
      message: 'thanks @Zed Z and @Li',
      values: [],
    };
    const channel: DeliveryTarget = { type: 'channel', channelId: 'C1' };
    expect(deliveryWithout({ target: channel, message: post }, ZED)?.message).toEqual({
      ...post,
      recipientIds: ['ULI'],
      message: 'thanks @a former colleague and @Li',
    });
    expect(
      deliveryWithout({ target: channel, message: { ...post, recipientIds: ['UZED'] } }, ZED),
    ).toBeNull();
  });

  it('leaves them out of suggestions and introductions, and drops what was about them', () => {
    const weekly: OutboundMessage = {
      kind: 'weekly_network',
      asOf: 'x',
      cold: [{ userId: 'UZED', lastAt: 'x' }],
      suggestions: [
        { userId: 'UPAT', department: null, mutualId: 'UZED', mutualCount: 1 },
        { userId: 'UZED', department: null, mutualId: null, mutualCount: 0 },
      ],
    };
    expect(deliveryWithout({ target: toLi, message: weekly }, ZED)?.message).toEqual({
      ...weekly,
      cold: [],
      suggestions: [{ userId: 'UPAT', department: null, mutualId: null, mutualCount: 1 }],
    });
    const request: OutboundMessage = {
      kind: 'intro_request',
      introductionId: 'i',
      requester: member('UANA'),
      mutualId: 'UZED',
    };
    expect(deliveryWithout({ target: toLi, message: request }, ZED)?.message).toEqual({
      ...request,
      mutualId: null,
    });
    for (const message of [
      { ...request, requester: member('UZED'), mutualId: null },
      {
        kind: 'followup_reminder',
        reminderId: 'r',
        version: 0,
        otherId: 'UZED',
        about: null,
        origin: 'manual',
        since: 'x',
      },
      { kind: 'mentorship_declared', declarerId: 'UZED', declarerIsMentor: true },
      { kind: 'intro_mutual_request', introductionId: 'i', requesterId: 'UANA', targetId: 'UZED' },
    ] as OutboundMessage[])
      expect({ kind: message.kind, kept: deliveryWithout({ target: toLi, message }, ZED) }).toEqual(
        {
          kind: message.kind,
          kept: null,
        },
      );
  });

  it('is not followed by a notice to a forgotten giver when the celebration cannot be posted', () => {
    const post: OutboundMessage = {
      kind: 'kudos_post',
      kudosId: 'k',
      giverId: FORGOTTEN_GIVER,
      recipientIds: ['ULI'],
      message: 'thanks',
      values: [],
    };
    const channel: DeliveryTarget = { type: 'channel', channelId: 'C1' };
    expect(isForgottenId(FORGOTTEN_GIVER)).toBe(true);
    expect(noticeOfFailure('k:post', channel, post)).toBeNull();
    expect(noticeOfFailure('k:post', channel, { ...post, giverId: 'UANA' })?.userId).toBe('UANA');
  });

  it('leaves a message that does not name them as it was', () => {
    const d = { target: toLi, message: { kind: 'intro_declined' } as OutboundMessage };
    expect(deliveryWithout(d, ZED)).toEqual(d);
  });
});

describe('the forget-me confirmation', () => {
  const at = new Date('2026-09-02T12:10:00Z');
  it.each([
    ['2026-09-02T12:00:00.000Z', true],
    ['2026-09-02T11:59:59.999Z', false],
    ['2026-09-02T12:11:00.000Z', true],
    ['2026-09-02T12:11:00.001Z', false],
    ['not a time', false],
    [undefined, false],
  ])('issued at %s is good at 12:10: %s', (issued, good) => {
    expect(confirmationValid(issued, at)).toBe(good);
  });
});
