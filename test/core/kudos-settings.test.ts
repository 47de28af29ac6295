import { checkKudosSettings, type KudosSettingsInput } from '../../src/core/domain/settings';

const complete: KudosSettingsInput = {
  kudosChannelId: null,
  dailyKudosLimit: '5',
  kudosValues: '#craft',
  departmentField: null,
  timezone: '',
  kudosPrompt: { enabled: true, weekday: '5', hour: '15' },
  kudosDigest: { enabled: false, weekday: '1', hour: '9' },
  followupAfterMetDays: '21',
  welcome: { enabled: true, delayDays: '3' },
};

describe('checking the admin settings', () => {
  it('takes "found by label" (null) for the department field', () => {
    const check = checkKudosSettings(complete);
    expect(check.ok && check.settings.departmentField).toBeNull();
  });

  it('names the department field when the form came back without an answer for it', () => {
    expect(checkKudosSettings({ ...complete, departmentField: undefined })).toEqual({
      ok: false,
      errors: { departmentField: 'Choose the profile field that holds departments, or Automatic.' },
    });
  });
});
