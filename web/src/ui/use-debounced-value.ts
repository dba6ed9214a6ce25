import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `delayMs`: a search box asks the server after a pause in typing, not at every key. */
export const useDebouncedValue = <T,>(value: T, delayMs = 250): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
};
