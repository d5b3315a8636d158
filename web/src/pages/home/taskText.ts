// How a task is named in the to-do views: its process and its step, in the chosen language.
import { useTranslation } from 'react-i18next';
import type { Task } from '../../api/types';

export function useTaskText() {
  const { t } = useTranslation();
  return {
    process: (task: Task) => t(`processes.${task.processType}`),
    step: (task: Task) => t(`steps.${task.step}`, { defaultValue: task.step }),
  };
}
