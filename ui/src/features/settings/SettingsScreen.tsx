import type { KnowledgeBaseStatus } from "../../bindings";

export interface SettingsScreenProps {
  status: KnowledgeBaseStatus;
  onReimported: () => void;
}

// Placeholder until the settings screen lands (this session).
export function SettingsScreen({ status }: SettingsScreenProps) {
  return <p>{status.data_dir}</p>;
}
