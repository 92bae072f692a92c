export interface RulesScreenProps {
  rule: string | null;
  onOpenRule: (rule: string) => void;
}

// Placeholder until the rules browser lands (this session).
export function RulesScreen({ rule }: RulesScreenProps) {
  return <h2>{rule ?? "Rules"}</h2>;
}
