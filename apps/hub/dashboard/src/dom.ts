// The DOM helpers the page's modules share, and their one way of asking the hub.

/** The page's element with this id; a page without it is a build error worth a clear message. */
export const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
};

/** A new element with its text and class. */
export const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  className = '',
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  if (text) element.textContent = text;
  if (className) element.className = className;
  return element;
};

/**
 * fetch() for the hub's API. A 401 means the login ended (logged out elsewhere, expired,
 * a new API_TOKEN): the page goes back to / , which shows the login page.
 */
export const api = async (path: string, init?: RequestInit): Promise<Response> => {
  const response = await fetch(path, init);
  if (response.status === 401) location.assign('/');
  return response;
};
