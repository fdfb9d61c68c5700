// teams-js's calls for a meeting: saving the meeting tab's configuration, and sharing the shared
// record to the meeting's stage. Loaded only inside Teams (a plain browser never downloads teams-js).

export interface MeetingTab {
  /** The page the side panel opens: the conversation's own address. */
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** Lets Teams save the tab (Save enabled) with this conversation; null: nothing chosen, Save disabled. */
export async function offerMeetingTab(tab: MeetingTab | null): Promise<void> {
  const { pages } = await import('@microsoft/teams-js');
  if (!tab) {
    pages.config.setValidityState(false);
    return;
  }
  pages.config.registerOnSaveHandler((event) => {
    pages.config.setConfig(tab).then(
      () => event.notifySuccess(),
      (e: unknown) => event.notifyFailure(e instanceof Error ? e.message : String(e)),
    );
  });
  pages.config.setValidityState(true);
}

/** Whether this meeting lets the app share to its stage (the organiser's consent, the surface). */
export async function canShareToStage(): Promise<boolean> {
  const { meeting } = await import('@microsoft/teams-js');
  return new Promise((resolve) => {
    try {
      meeting.getAppContentStageSharingCapabilities((error, result) =>
        resolve(!error && result?.doesAppHaveSharePermission === true),
      );
    } catch {
      resolve(false);
    }
  });
}

/** Opens a page of ours on the meeting's stage, for everyone in the meeting. */
export async function shareToStage(url: string): Promise<void> {
  const { meeting } = await import('@microsoft/teams-js');
  return new Promise((resolve, reject) => {
    meeting.shareAppContentToStage((error, shared) => {
      if (error || !shared) reject(new Error(error?.message ?? 'not shared'));
      else resolve();
    }, url);
  });
}
