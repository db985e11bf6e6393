import {
    fieldNamesOf,
    LeadSchema,
    RECORD_SCHEMAS,
    SlaClockSchema,
    TaskSchema
} from '../../src/schema/records';

describe('record schemas', () => {
    it('reads a REST record with Salesforce datetimes and nulls', () => {
        const lead = LeadSchema.parse({
            attributes: {
                type: 'Lead',
                url: '/services/data/v65.0/sobjects/Lead/00Q000000000001AAA'
            },
            Id: '00Q000000000001AAA',
            CreatedDate: '2027-03-01T10:00:00.000+0000',
            Rejected_At__c: '2027-03-01T12:30:00.000-0500',
            Intent_Score__c: 82,
            IsConverted: false,
            Email: null
        });
        expect(lead.CreatedDate).toEqual(new Date('2027-03-01T10:00:00.000Z'));
        expect(lead.Rejected_At__c).toEqual(new Date('2027-03-01T17:30:00.000Z'));
        expect(lead.Intent_Score__c).toBe(82);
        expect(lead.Email).toBeNull();
        expect(lead.Matched_Account__c).toBeNull();
        expect('attributes' in lead).toBe(false);
    });

    it('reads Bulk API CSV values', () => {
        const task = TaskSchema.parse({
            Id: '00T000000000001',
            IsClosed: 'true',
            Exploratory__c: '',
            ActivityDate: '2027-03-02',
            CompletedDateTime: '2027-03-02T09:00:00.000Z',
            Subject: ''
        });
        expect(task.IsClosed).toBe(true);
        expect(task.Exploratory__c).toBe(false);
        expect(task.ActivityDate).toBe('2027-03-02');
        expect(task.Subject).toBeNull();
        const clock = SlaClockSchema.parse({ Id: 'a00000000000001AAA', Status__c: 'Open' });
        expect(clock.Due_At__c).toBeNull();
    });

    it.each([
        [{ Id: 'short' }, 'Id'],
        [{ Id: '00Q000000000001AAA', CreatedDate: '2027-03-01' }, 'CreatedDate'],
        [{ Id: '00Q000000000001AAA', Intent_Score__c: 'high' }, 'Intent_Score__c'],
        [{ Id: '00Q000000000001AAA', IsConverted: 'yes' }, 'IsConverted'],
        [{ Id: '00Q000000000001AAA', ConvertedDate: '01/03/2027' }, 'ConvertedDate']
    ])('rejects %p at %p', (input, path) => {
        const result = LeadSchema.safeParse(input);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.path).toEqual([path]);
    });

    it('lists field names for queries', () => {
        expect(fieldNamesOf('Engagement_Signal__c')).toEqual(
            expect.arrayContaining([
                'Id',
                'Lead__c',
                'Contact__c',
                'Account__c',
                'Type__c',
                'Occurred_At__c',
                'Weight__c',
                'External_Id__c'
            ])
        );
        expect(Object.keys(RECORD_SCHEMAS)).toEqual(
            expect.arrayContaining([
                'Lead',
                'Contact',
                'Account',
                'Opportunity',
                'Task',
                'Event',
                'User',
                'Group',
                'Engagement_Signal__c',
                'CampaignMember',
                'SLA_Clock__c',
                'SLA_Breach__c',
                'SLA_Review__c',
                'SLA_Scorecard__c',
                'BusinessHours',
                'Holiday',
                'Organization'
            ])
        );
    });
});
