export interface OnboardingScreenProps {
  dataDir: string;
  reason: string;
  onImported: () => void;
}

// Placeholder until the onboarding screen lands (this session).
export function OnboardingScreen({ dataDir, reason }: OnboardingScreenProps) {
  return (
    <main>
      <p>{reason}</p>
      <p>{dataDir}</p>
    </main>
  );
}
