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
  historyDays: '730',
  minDepartmentSize: '5',
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

describe('how long history is kept', () => {
  it('takes 90 days to 10 years, and says so otherwise', () => {
    expect(checkKudosSettings({ ...complete, historyDays: '90' })).toMatchObject({
      ok: true,
      settings: { historyDays: 90 },
    });
    for (const typed of ['89', '3651', '', 'forever', '365.5'])
      expect(checkKudosSettings({ ...complete, historyDays: typed })).toEqual({
        ok: false,
        errors: { historyDays: 'A number of days from 90 to 3650 (10 years).' },
      });
  });
});

describe('the smallest department insights show on its own', () => {
  it('takes 2 to 50 people, and says so otherwise', () => {
    expect(checkKudosSettings({ ...complete, minDepartmentSize: '3' })).toMatchObject({
      ok: true,
      settings: { minDepartmentSize: 3 },
    });
    for (const typed of ['1', '51', '', 'five', '4.5'])
      expect(checkKudosSettings({ ...complete, minDepartmentSize: typed })).toEqual({
        ok: false,
        errors: { minDepartmentSize: 'A number of people from 2 to 50.' },
      });
  });
});
