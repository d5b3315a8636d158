import { PlannedResult } from '../../components/Results';

export default function Page() {
  return <PlannedResult />;
}
