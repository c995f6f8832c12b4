// Errors beside what caused them: each form has one alert region, so a screen reader announces an error the
// moment it appears, and the input it is about is marked invalid until it is typed in again.

const errorOf = (input) => input.form.querySelector('[role="alert"]');

export function showError(input, text) {
  errorOf(input).textContent = text;
  input.setAttribute('aria-invalid', 'true');
}

export function clearError(input) {
  errorOf(input).textContent = '';
  for (const field of input.form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}

/** Clears a form's error as soon as the person types in the input it was about. */
export function clearOnInput(form) {
  form.addEventListener('input', (e) => {
    if (e.target.hasAttribute?.('aria-invalid')) clearError(e.target);
  });
}

/** Runs a request for a form with its buttons off, so a second press cannot send it twice. */
export async function whileBusy(form, work) {
  const buttons = [...form.querySelectorAll('button')];
  for (const button of buttons) button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    for (const button of buttons) button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
