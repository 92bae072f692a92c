export interface CardScreenProps {
  name: string;
  onBack: () => void;
  onOpenCard: (name: string) => void;
  onOpenRule: (rule: string) => void;
}

// Placeholder until the card page lands (this session).
export function CardScreen({ name }: CardScreenProps) {
  return <h2>{name}</h2>;
}
