import { scanFences } from "../render/scan-fences.js";
import { parseRequestLine, type DashboardRequest } from "./markers.js";

/**
 * The requests whose box a person ticked on the dashboard (`[x]` or `[X]`), once each, in the
 * order they appear. The App acts on them and the next render unticks them, as Renovate's
 * dependency dashboard does. Boxes inside fenced code are examples, not requests.
 */
export function parseDashboardRequests(body: string): DashboardRequest[] {
  const ticked: DashboardRequest[] = [];
  for (const line of scanFences(body)) {
    const request = line.fenced ? undefined : parseRequestLine(line.text);
    if (request?.checked && !ticked.includes(request.request)) ticked.push(request.request);
  }
  return ticked;
}
