// Drag and drop for the fields of a step, on top of the move buttons (which keep working with the
// keyboard and without JavaScript): dropping a row on another asks the server to place it there.
for (const section of document.querySelectorAll('section[data-fields]')) {
  const ids = section.dataset.fields.split(' ').filter(Boolean);
  const rows = [...section.querySelectorAll('tbody tr')];
  const token = document.querySelector('input[name="_csrf"]')?.value;
  rows.forEach((row, index) => {
    row.draggable = true;
    row.dataset.field = ids[index];
    row.addEventListener('dragstart', (event) => {
      event.dataTransfer.setData('text/plain', row.dataset.field);
      row.classList.add('is-dragged');
    });
    row.addEventListener('dragend', () => row.classList.remove('is-dragged'));
    row.addEventListener('dragover', (event) => event.preventDefault());
    row.addEventListener('drop', async (event) => {
      event.preventDefault();
      const field = event.dataTransfer.getData('text/plain');
      if (!field || field === row.dataset.field) return;
      const body = new URLSearchParams({
        action: 'placeField',
        field,
        target: row.dataset.field,
        _csrf: token,
      });
      const response = await fetch(`/back-office/forms/${section.dataset.form}/actions`, {
        method: 'POST',
        body,
      });
      if (response.ok || response.redirected) location.reload();
    });
  });
}

// The typed value beside the condition menu matters only for an entry compared with it: shown then.
for (const fieldset of document.querySelectorAll('[data-condition]')) {
  const menu = fieldset.querySelector('select');
  const typed = fieldset.querySelector('[data-typed-value]');
  if (!menu || !typed) continue;
  const update = () => {
    typed.hidden = menu.selectedOptions[0]?.dataset.typed !== 'true';
  };
  menu.addEventListener('change', update);
  update();
}
