/** The support module's addresses; the kernel's footer links to `help` and `contact`. */
export const supportPaths = {
  help: '/help',
  contact: '/help/contact',
  myTickets: '/help/tickets',
  ticket: (id: string) => `/help/tickets/${id}`,
  desk: (slug: string) => `/back-office/authorities/${slug}/support`,
  deskTicket: (slug: string, id: string) => `/back-office/authorities/${slug}/support/${id}`,
} as const;
