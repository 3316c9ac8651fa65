// Embeds the standalone page in an iframe and logs the events it posts.
// This page's query goes to the frame, plus parent_origin=<this origin> unless given;
// frame_base (default ../, the standalone page next to this folder) says where the page is.
const query = new URLSearchParams(location.search);
const frameUrl = new URL(query.get('frame_base') || '../', location.href);
for (const [k, v] of query) if (k !== 'frame_base') frameUrl.searchParams.append(k, v);
if (!query.has('parent_origin')) frameUrl.searchParams.set('parent_origin', location.origin);

const frame = document.getElementById('frame');
const logBody = document.querySelector('#message-log tbody');
/** Every message this window received, accepted or not (for a look in devtools). */
window.receivedMessages = [];

window.addEventListener('message', (event) => {
  // Trust a message only from the frame's window and origin, and in the form's shape.
  const accepted = event.source === frame.contentWindow && event.origin === frameUrl.origin
    && event.data?.source === 'css-snapshot-form';
  window.receivedMessages.push({ origin: event.origin, data: event.data, accepted });
  if (!accepted) return;
  const row = logBody.insertRow();
  row.dataset.event = event.data.type;
  for (const text of [String(logBody.rows.length), event.origin, event.data.type, JSON.stringify(event.data.detail, null, 1)]) {
    row.insertCell().textContent = text;
  }
});

document.getElementById('frame-url').textContent = frameUrl.href;
frame.src = frameUrl.href;
