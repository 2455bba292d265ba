// Stop words for English and Bulgarian: function words that match everywhere and so only add
// noise to ranking and to the coverage feature of the confidence model. Question words are in
// the lists on purpose: "how do I" appears in most FAQ entries and says nothing about the topic.
import type { Language } from '../knowledge-base/kb-entry.ts';

const EN = `a about above after again against all am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he her here hers herself
him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most
my myself no nor not of off on once only or other ought our ours ourselves out over own same she should
shouldn't so some such than that that's the their theirs them themselves then there there's these they
this those through to too under until up very was wasn't we were weren't what what's when where which
while who whom why will with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves im ive dont cant doesnt didnt isnt whats hi hello hey please thanks thank anyone someone
anybody somebody know tell get got way possible able need want like also still yet ok okay us would
there's is it's u ur pls plz`;

const BG = `а аз ако ала бе без би бил била били било бъде в вас ваш ваша ваши вашата вашия ве вече ви
вие во все всеки всички всичко всяка всяко във въпреки върху г ги го да дали до докато докога дори
досега е едва ето за зад заедно защо защото и из или им има имам имате има ли ио й каза как каква какво
какъв както какви като кога когато което които кой който колко която къде където към ли м ме между
мен ми много мога може можем можете мой моя моят моята моето моите му н на над най например нас наш
наша наши не него нещо нея ни ние никой нито но някой някои няколко няма о обаче около освен от отгоре
отново още пак по повече под поне пред преди при пък с са само се сега си след сме според сред срещу
сте съм със също т тази така такива такъв там твой те тези ти то това тогава този той толкова точно
три тук тъй тя тях у че чрез ще щом я здравей здравейте моля благодаря мерси някой някоя знае знаете
искам трябва ли`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

const LISTS: Record<Language, ReadonlySet<string>> = { en: toSet(EN), bg: toSet(BG) };

export function isStopWord(word: string, language: Language): boolean {
  return LISTS[language].has(word);
}
