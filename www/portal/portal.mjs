// The demo portal's own script: what a portal team writes around <css-snapshot-form>.
//  - an event log of everything the forms send (events bubble to document and are composed);
//  - a `request` listener that adds the portal's token to the requests of forms marked
//    data-portal-auth (the form never sees or stores it);
//  - buttons that change attributes at runtime, remove and re-add a form;
//  - a form mounted with the JS API into a container of the portal's own (form C).
// It runs before ../boot.js (both are modules, run in document order).

const EVENTS = ['snapshot-created', 'snapshot-failed', 'snapshot-completed', 'request'];
const PROJECT_ID = '6204a5bd270343b5885144cf9c8c158d';
const CLUSTER_ID = 'ea244205-d641-45d9-9dcb-ab2236bcd07e';
const OTHER_PROJECT_ID = '0123456789abcdef0123456789abcdef';

const $ = (id) => document.getElementById(id);

// ?api_base=/css-api points every form at the portal's API path (set before the forms start).
const apiBase = new URLSearchParams(location.search).get('api_base');
if (apiBase !== null) {
  for (const form of document.querySelectorAll('css-snapshot-form')) form.setAttribute('api-base', apiBase);
}

// The event log.
const logBody = document.querySelector('#event-log tbody');
let logged = 0;
for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const from = event.target instanceof Element ? event.target.id || event.target.localName : '?';
    // A request's headers may carry secrets: log what is asked for, not the headers.
    const detail = type === 'request' ? { method: event.detail.method, url: event.detail.url } : event.detail;
    const row = logBody.insertRow();
    row.dataset.event = type;
    row.dataset.from = from;
    for (const text of [String(++logged), from, type, JSON.stringify(detail, null, 1)]) {
      row.insertCell().textContent = text;
    }
  });
}

// The portal's own authentication: a token it holds, added to the requests of marked forms.
document.addEventListener('request', (event) => {
  const token = $('portal-token').value.trim();
  if (token && event.target instanceof Element && event.target.hasAttribute('data-portal-auth')) {
    event.detail.headers['X-Auth-Token'] = token;
  }
});

// Form A: change an attribute at runtime, remove the element, add a new one.
$('a-switch-project').addEventListener('click', () => {
  const form = $('form-a');
  if (!form) return;
  const now = form.getAttribute('project-id');
  form.setAttribute('project-id', now === PROJECT_ID ? OTHER_PROJECT_ID : PROJECT_ID);
});
$('a-remove').addEventListener('click', () => $('form-a')?.remove());
let added = 0;
$('a-add').addEventListener('click', () => {
  const form = document.createElement('css-snapshot-form');
  form.id = $('form-a') ? `form-a-${++added}` : 'form-a';
  form.setAttribute('project-id', PROJECT_ID);
  form.setAttribute('cluster-id', CLUSTER_ID);
  form.setAttribute('lang', 'en');
  if (apiBase !== null) form.setAttribute('api-base', apiBase);
  $('slot-a').append(form);
});

// Form B: show or hide its token field.
$('b-toggle-token').addEventListener('click', () => $('form-b').toggleAttribute('hide-token'));

// Form C: the JS API, for hosts that render their own containers. The portal gives the
// container a shadow root with the form's stylesheet, so the two stay apart here too.
customElements.whenDefined('css-snapshot-form').then(async () => {
  // From the module the portal loaded (same URL, so the same instance, already initialised).
  const { mount } = await import('../boot.js');
  const host = $('form-c');
  const root = host.attachShadow({ mode: 'open' });
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('../form.css', import.meta.url).href;
  const box = document.createElement('div');
  root.append(css, box);
  let handle = mount(box, {
    projectId: PROJECT_ID,
    clusterId: CLUSTER_ID,
    hideToken: true,
    lang: 'en',
    ...(apiBase !== null ? { apiBase } : {}),
  });
  let project = PROJECT_ID;
  $('c-update').addEventListener('click', () => {
    project = project === PROJECT_ID ? OTHER_PROJECT_ID : PROJECT_ID;
    handle?.update({ projectId: project });
  });
  $('c-destroy').addEventListener('click', () => {
    handle?.destroy();
    handle?.free();
    handle = null;
  });
});
