import { describe, expect, it } from 'vitest';
import { parseMasterData } from '../../../functions/core/masterdata/parse';

const HEADER = 'vendorId;name;vatId;iban;emailDomains;glAccount;costCenter;requiresPo;paymentTermsDays';

describe('vendors.csv: payment terms and DATEV creditor (optional columns)', () => {
  it('reads the agreed Skonto and the creditor number', () => {
    // Prepare
    const vendors = `${HEADER};skontoPercent;skontoDays;creditorNumber
V1;Muster GmbH;;DE89370400440532013000;muster.de;4930;1000;nein;30;2,5;10;70001
V2;Ohne Skonto KG;;;;;;nein;14;;;`;

    // Act
    const { records, errors } = parseMasterData({ vendors });

    // Assess
    expect(errors).toEqual([]);
    expect(records.vendors[0]).toMatchObject({
      paymentTermsDays: 30,
      skontoPercent: '2.5',
      skontoDays: 10,
      creditorNumber: '70001',
    });
    expect(records.vendors[1]).not.toHaveProperty('skontoPercent');
    expect(records.vendors[1]).not.toHaveProperty('creditorNumber');
  });

  it('reports a bad percentage, a lone Skonto column and a creditor number that is not digits', () => {
    // Prepare
    const vendors = `${HEADER};skontoPercent;skontoDays;creditorNumber
V1;A GmbH;;;;;;nein;;120;10;
V2;B GmbH;;;;;;nein;;2;;
V3;C GmbH;;;;;;nein;;;;K-70001`;

    // Act
    const { records, errors } = parseMasterData({ vendors });

    // Assess
    expect(records.vendors).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(errors[0]!.message).toContain('skontoPercent: "120" is not a percentage between 0 and 100');
    expect(errors[1]!.message).toContain('skontoPercent and skontoDays go together');
    expect(errors[2]!.message).toContain('creditorNumber: "K-70001" is not an account number');
  });
});
