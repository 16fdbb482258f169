/*
 * The verification page in the browser: reads a QR code from the camera or a photo (jsQR), and
 * verifies it here, as the server does (verify-qr.ts): GV1 prefix, Base45, zlib, COSE_Sign1 with
 * ES256 against the trust list's key for its key id, the key's authority and period, revocation by the
 * SHA-256 of the serial, the time window. The lists come from the network when online and from the
 * service worker's cache offline. A PDF goes to the server (its seal cannot be checked here).
 */
(() => {
  const configElement = document.getElementById('verify-config');
  if (!configElement || !window.crypto?.subtle || typeof DecompressionStream === 'undefined') return;
  const config = JSON.parse(configElement.textContent);
  const T = config.texts;
  const guichetClaim = -65537;
  const clockSkewMs = 5 * 60_000;

  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  function base45(text) {
    if (text.length % 3 === 1) throw new Error('base45');
    const out = [];
    for (let i = 0; i < text.length; i += 3) {
      const digits = [...text.slice(i, i + 3)].map((c) => alphabet.indexOf(c));
      if (digits.includes(-1)) throw new Error('base45');
      const value = digits.reduceRight((acc, d) => acc * 45 + d, 0);
      if (digits.length === 3) {
        if (value > 0xffff) throw new Error('base45');
        out.push(value >> 8, value & 0xff);
      } else {
        if (value > 0xff) throw new Error('base45');
        out.push(value);
      }
    }
    return new Uint8Array(out);
  }

  async function inflate(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /** The CBOR a COSE_Sign1 and a CWT use (RFC 8949, definite lengths); maps become Maps. */
  function cbor(bytes) {
    let pos = 0;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const take = (n) => {
      if (pos + n > bytes.length) throw new Error('cbor: short');
      const part = bytes.subarray(pos, pos + n);
      pos += n;
      return part;
    };
    const argument = (info) => {
      if (info < 24) return info;
      if (info === 24) return take(1)[0];
      if (info === 25) return view.getUint16(take(2).byteOffset - bytes.byteOffset);
      if (info === 26) return view.getUint32(take(4).byteOffset - bytes.byteOffset);
      if (info === 27) return Number(view.getBigUint64(take(8).byteOffset - bytes.byteOffset));
      throw new Error('cbor: length');
    };
    const item = () => {
      const first = take(1)[0];
      const major = first >> 5;
      const info = first & 31;
      if (major === 7) {
        if (info === 20 || info === 21) return info === 21;
        if (info === 22 || info === 23) return null;
        if (info === 26) return view.getFloat32(take(4).byteOffset - bytes.byteOffset);
        if (info === 27) return view.getFloat64(take(8).byteOffset - bytes.byteOffset);
        throw new Error('cbor: simple');
      }
      const n = argument(info);
      if (major === 0) return n;
      if (major === 1) return -1 - n;
      if (major === 2) return take(n);
      if (major === 3) return new TextDecoder('utf-8', { fatal: true }).decode(take(n));
      if (major === 4) return Array.from({ length: n }, item);
      if (major === 5) {
        const map = new Map();
        for (let i = 0; i < n; i++) map.set(item(), item());
        return map;
      }
      return { tag: n, value: item() };
    };
    const value = item();
    if (pos !== bytes.length) throw new Error('cbor: extra data');
    return value;
  }

  function byteString(bytes) {
    const n = bytes.length;
    const head = n < 24 ? [0x40 | n] : n < 256 ? [0x58, n] : [0x59, n >> 8, n & 0xff];
    return [...head, ...bytes];
  }
  const signatureInput = (protectedBytes, payload) =>
    new Uint8Array([
      0x84,
      0x6a,
      ...new TextEncoder().encode('Signature1'),
      ...byteString(protectedBytes),
      0x40,
      ...byteString(payload),
    ]);

  const base64 = (bytes) => btoa(String.fromCharCode(...bytes));
  const jwsPayload = (jws) => {
    const part = jws.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  };
  async function sha256Hex(text) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** The lists, fresh when the network answers, else the service worker's or this page's last copy. */
  async function loadList(url) {
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(String(response.status));
      const jws = await response.text();
      localStorage.setItem(url, jws);
      return jwsPayload(jws);
    } catch (error) {
      const saved = localStorage.getItem(url);
      if (!saved) throw error;
      return jwsPayload(saved);
    }
  }

  async function decode(text) {
    if (!text.startsWith('GV1:')) throw new Error('prefix');
    let cose = cbor(await inflate(base45(text.slice(4))));
    if (cose?.tag === 61) cose = cose.value;
    if (cose?.tag === 18) cose = cose.value;
    if (!Array.isArray(cose) || cose.length !== 4) throw new Error('cose');
    const [protectedBytes, unprotected, payload, signature] = cose;
    const header = protectedBytes.length ? cbor(protectedBytes) : new Map();
    const claims = cbor(payload);
    const own = claims.get(guichetClaim);
    if (!(own instanceof Map)) throw new Error('cwt');
    return {
      protectedBytes,
      payload,
      signature,
      alg: header.get(1) ?? unprotected.get(1),
      kid: header.get(4) ?? unprotected.get(4),
      iss: claims.get(1),
      iat: claims.get(6),
      exp: claims.get(4),
      document: { type: own.get('t'), serial: own.get('n'), fields: Object.fromEntries(own.get('f') ?? []) },
    };
  }

  async function verifyText(text) {
    let qr;
    try {
      qr = await decode(text.trim());
    } catch {
      return { verdict: 'invalid' };
    }
    const [trust, revocations] = await Promise.all([
      loadList(config.trustList),
      loadList(config.revocations),
    ]);
    const document = {
      ...qr.document,
      issuedAt: new Date(qr.iat * 1000),
      expiresAt: typeof qr.exp === 'number' ? new Date(qr.exp * 1000) : undefined,
    };
    const key = qr.kid && trust.keys.find((k) => k.kid === base64(qr.kid));
    if (!key) return { verdict: 'unknown-key', lists: trust };
    const cryptoKey = await crypto.subtle.importKey(
      'jwk',
      key.jwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const signed =
      qr.alg === -7 &&
      (await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        cryptoKey,
        qr.signature,
        signatureInput(qr.protectedBytes, qr.payload),
      ));
    if (!signed) return { verdict: 'invalid', lists: trust };
    const issuer = trust.authorities[key.authority];
    const result = (verdict) => ({ verdict, issuer, document, lists: trust });
    if (key.authority !== qr.iss) return result('invalid');
    const issued = document.issuedAt.getTime();
    if (
      issued < Date.parse(key.notBefore) - clockSkewMs ||
      issued > Date.parse(key.retiredAt ?? key.notAfter)
    )
      return result('invalid');
    const serialHash = await sha256Hex(document.serial);
    const revoked = revocations.revoked.find((r) => r.serial === serialHash);
    if (revoked)
      return { ...result('revoked'), document: { ...document, revokedAt: new Date(revoked.revokedAt) } };
    if (Date.now() < issued) return result('not-yet-valid');
    if (document.expiresAt && Date.now() >= document.expiresAt.getTime()) return result('expired');
    return result('valid');
  }

  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const date = (d) =>
    new Intl.DateTimeFormat(`${config.locale}-CH`, { dateStyle: 'long', timeZone: 'Europe/Zurich' }).format(
      d,
    );
  const summary = (rows) =>
    el(
      'dl',
      { class: 'summary-list' },
      ...rows.map(([term, value]) =>
        el('div', { class: 'summary-list__row' }, el('dt', {}, term), el('dd', {}, value)),
      ),
    );
  const fieldLabel = (key) => T[`field_${key}`] ?? key.replaceAll('_', ' ');

  /** The same markup as VerificationResultView on the server. */
  function show(result) {
    const rows = [];
    const doc = result.document;
    if (result.issuer) rows.push([T.issuer, result.issuer.names[config.locale]]);
    if (doc && result.issuer) {
      const typeName = Object.hasOwn(T, `docType_${doc.type}`) ? T[`docType_${doc.type}`] : T.docType_other;
      rows.push([T.documentType, typeName], [T.serial, doc.serial], [T.issuedAt, date(doc.issuedAt)]);
      if (doc.expiresAt) rows.push([T.expiresAt, date(doc.expiresAt)]);
      if (doc.revokedAt) rows.push([T.revokedAt, date(doc.revokedAt)]);
    }
    const body = el('div', { class: 'notification__body' }, el('p', {}, T[`explain_${result.verdict}`]));
    if (rows.length) body.append(summary(rows));
    if (result.issuer && doc && Object.keys(doc.fields).length) {
      body.append(
        el('h3', {}, T.signedFields),
        summary(Object.entries(doc.fields).map(([k, v]) => [fieldLabel(k), v])),
      );
    }
    const when = result.lists ? date(new Date(result.lists.iat * 1000)) : '';
    body.append(el('p', {}, navigator.onLine ? T.checkedLocally : T.checkedOffline.replace('{date}', when)));
    const section = el(
      'section',
      {
        class: `notification notification--${result.verdict === 'valid' ? 'success' : 'important'}`,
        'aria-labelledby': 'verdict-title',
        'data-verdict': result.verdict,
      },
      el('h2', { class: 'notification__title', id: 'verdict-title' }, T[`verdict_${result.verdict}`]),
      body,
    );
    const target = document.getElementById('verify-result');
    target.replaceChildren(section);
    target.focus();
  }

  function showMessage(text) {
    const target = document.getElementById('verify-result');
    target.replaceChildren(el('p', { class: 'field__error', role: 'alert' }, text));
    target.focus();
  }

  const canvas = document.createElement('canvas');
  function readQr(source, width, height) {
    const scale = Math.min(1, 1600 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return window.jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data;
  }

  const form = document.getElementById('verify-form');
  form.addEventListener('submit', async (event) => {
    const file = form.elements.file.files[0];
    const typed = form.elements.payload.value.trim();
    if (file && !file.type.startsWith('image/')) return; // a PDF: the server checks its seal
    event.preventDefault();
    let text = typed;
    if (file) {
      const bitmap = await createImageBitmap(file);
      text = readQr(bitmap, bitmap.width, bitmap.height);
      if (!text) return showMessage(T.noQrFound);
    }
    if (!text) return showMessage(T.nothingToVerify);
    show(await verifyText(text));
  });

  const camera = document.getElementById('verify-camera');
  const toggle = document.getElementById('verify-camera-toggle');
  const video = document.getElementById('verify-video');
  let stream;
  const stop = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.hidden = true;
    toggle.textContent = T.scanStart;
  };
  const scan = async () => {
    if (!stream) return;
    const text = video.readyState >= 2 && readQr(video, video.videoWidth, video.videoHeight);
    if (!text) return requestAnimationFrame(scan);
    stop();
    show(await verifyText(text));
  };
  if (navigator.mediaDevices?.getUserMedia) {
    camera.hidden = false;
    toggle.addEventListener('click', async () => {
      if (stream) return stop();
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch {
        return showMessage(T.cameraUnavailable);
      }
      video.srcObject = stream;
      video.hidden = false;
      toggle.textContent = T.scanStop;
      await video.play();
      requestAnimationFrame(scan);
    });
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(config.serviceWorker, { scope: config.scope }).catch(() => {});
  }
  // Keep a copy of the lists from the first visit, for a later verification without network.
  Promise.all([loadList(config.trustList), loadList(config.revocations)]).catch(() => {});
})();
