import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badCardReason, cardHttpError, credentialRefused, describe } from '../../src/main/core/links/a2a/a2a-errors';
import { WireError } from '../../src/main/core/links/a2a/guarded-fetch';

const coded = (code: string) => Object.assign(new Error(`fetch failed`), { cause: Object.assign(new Error(code), { code }) });

/** Every reason says what happened and what to do, without a bare code as its words. */
function assertOperatorWords(reason: string, happened: RegExp, todo: RegExp) {
  assert.match(reason, happened);
  assert.match(reason, todo);
  assert.doesNotMatch(reason, /^[A-Z_]+:?\s/, 'does not lead with a code');
  assert.ok(/^[A-Z]/.test(reason) && /[.;)]|retrying\.$/.test(reason), reason);
}

test('why an A2A agent is down, in words an operator acts on', () => {
  assertOperatorWords(describe(coded('ECONNREFUSED')), /nothing is listening/i, /Check the agent is running/);
  assertOperatorWords(describe(coded('ENOTFOUND')), /does not resolve/, /Check its spelling/);
  assertOperatorWords(describe(coded('CERT_HAS_EXPIRED')), /certificate has expired/, /renew/);
  assertOperatorWords(describe(coded('DEPTH_ZERO_SELF_SIGNED_CERT')), /not from an authority this machine trusts/, /trusted certificate/);
  assertOperatorWords(describe(coded('ERR_TLS_CERT_ALTNAME_INVALID')), /for another name/, /Use the name/);
  assertOperatorWords(describe(coded('ECONNRESET')), /connection was cut/, /Retrying/);
  assertOperatorWords(describe(new WireError('TIMEOUT', 'no answer within 10000 ms')), /did not answer within 10 s/, /Check it is running/);
  assertOperatorWords(describe(new WireError('NOT_A2A', 'answered HTML (HTTP 200), not A2A')), /answered HTML, a web page \(HTTP 200\)/, /Use the agent's own address/);
  assertOperatorWords(describe(new WireError('NOT_A2A', 'too many redirects')), /redirects too many times/, /final address/);
  assertOperatorWords(
    describe(new WireError('REDIRECT_OFF_HOST', 'redirected to another host (evil.example:80); not followed')),
    /redirects to another host \(evil\.example:80\)/,
    /Connect to the final address/,
  );
  assertOperatorWords(describe(new WireError('STREAM_IDLE', 'stream silent for 300 ms')), /stream silent for 300 ms/, /Ask again/);
  assertOperatorWords(credentialRefused(401), /HTTP 401/, /Set or update its bearer token in Connections/);
  assertOperatorWords(credentialRefused(403), /HTTP 403/, /Check the token has access/);
  assertOperatorWords(cardHttpError(404), /No A2A agent card/, /check the URL/);
  assertOperatorWords(cardHttpError(502), /server failed/, /check its logs/);
  assertOperatorWords(badCardReason('bad agent card: name Required'), /not with a usable A2A agent card \(name Required\)/, /Check the URL/);
});
